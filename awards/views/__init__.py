"""Awards views: the public honours pages and the aid center's selection pages."""
