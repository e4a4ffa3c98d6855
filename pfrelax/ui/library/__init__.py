"""The library: session cards, their model and the search."""
