"""Orders: rectification orders and their notice (整改通知书), appeals against a check,
the quarter's unannounced plans and their visits, peer-review pairings, and the order
list's CSV export."""
