"""Layer 3: what the hub knows: the model (Page, Site), the check Result, review schedule, termbase, advice and key
messages, clinical codes, organisations, guidelines, outcome data, evidence, page skeletons, readability
analysis."""
