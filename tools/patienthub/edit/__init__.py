"""Layer 9 (beside reports/): tools that change pages: `patienthub fix`, review stamps, new pages."""
