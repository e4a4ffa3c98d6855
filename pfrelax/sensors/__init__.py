"""Heart rate sources (Bluetooth strap, demo person, RR log) behind one small interface; no Qt."""
