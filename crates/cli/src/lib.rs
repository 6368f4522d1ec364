//! The library half of the `raqib` command line: reading reports from files, directories,
//! JSONL and standard input ([`input`]).
//!
//! It is a library so that the fuzz targets (`fuzz/fuzz_targets/jsonl_reader.rs`) and the
//! tests exercise the very reader the binary uses; the subcommands stay in the binary.
#![deny(missing_docs)]

pub mod input;
