"""Staff views of orders, appeals, plans and pairings, one module per page group."""
