//! `ozg-validate` (being written).
