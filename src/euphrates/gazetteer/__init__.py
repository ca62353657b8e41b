"""The GeoNames-derived gazetteer: an on-disk SQLite index and the lookups over it."""

from euphrates.gazetteer.index import GeoNamesIndex, default_index_path, open_index

__all__ = ["GeoNamesIndex", "default_index_path", "open_index"]
