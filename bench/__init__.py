"""Benchmark PressClub's build against plain Pelican and Hugo on one generated corpus."""
