"""The privacy screens' widgets."""
