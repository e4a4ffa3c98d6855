"""pfrelax: offline guided breathing and relaxation."""

__version__ = "0.1.0"
