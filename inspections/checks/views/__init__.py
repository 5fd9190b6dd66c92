"""Staff views of checks, one module per page group."""
