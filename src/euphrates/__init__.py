"""Euphrates: news about armed conflict in, sourced and geolocated event records out."""

__version__ = "0.1.0"
