//! Module `fitconnect` (being written).
