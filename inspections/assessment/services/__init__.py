"""Services of this area: one state change or one computation each."""
