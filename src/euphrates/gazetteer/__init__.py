"""The GeoNames-derived gazetteer: an on-disk SQLite index and the lookups over it."""

from euphrates.gazetteer.dump import DumpError, import_dump, imports_path
from euphrates.gazetteer.index import GeoNamesIndex, default_index_path, open_index

__all__ = [
    "DumpError",
    "GeoNamesIndex",
    "default_index_path",
    "import_dump",
    "imports_path",
    "open_index",
]
