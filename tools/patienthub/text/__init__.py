"""Layer 2: text algorithms with no knowledge of the hub: Markdown blocks and prose, front matter, YAML data files
with line numbers, Dutch (sentences, syllables, word forms), the HTML policy, icon arrays."""
