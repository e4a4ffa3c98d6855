"""Progress: the person's own charts, and the PT report made from them."""
