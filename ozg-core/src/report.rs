//! Module `report` (being written).
