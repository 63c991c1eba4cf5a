"""The demo network a newcomer sees: drawn from real programmes of network interaction."""
