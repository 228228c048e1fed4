//! Module `org` (being written).
