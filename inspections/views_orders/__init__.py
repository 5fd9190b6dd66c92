"""Staff pages of rectification orders, plans, peer-review pairings and appeals."""
