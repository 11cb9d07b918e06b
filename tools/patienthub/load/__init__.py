"""Layer 4: from disk to the model: the typed configuration (mkdocs.yml read by MkDocs' own loader), which files
MkDocs publishes, the loader, the cache, CODEOWNERS, symbolic links, the URL manifest, git."""
