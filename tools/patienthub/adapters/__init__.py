"""Layer 10 (top): the ways in: the CLI and its commands, and the MkDocs plugin. Thin: they call the layers below."""
