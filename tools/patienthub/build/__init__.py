"""Layer 5: what the published site is made of, from the Site alone: page HTML as the build renders it, the
transforms (outcome blocks, key messages, glossary links), the generators that need only the Site, JSON-LD,
share and CSP. Below the checks, so the checks judge it."""
