//! `ozg-xml` (being written).
