//! Domain rules and the JSON contract of cop-widgets, shared by the widgets (compiled to wasm)
//! and the reference server (native).
//!
//! This crate knows no browser and no server: it takes plain strings and JSON values and
//! returns typed values or typed problems. That is what lets every rule here be tested
//! natively with `cargo test`, and lets the browser and the server apply the *same* rules.
//!
//! - [`config`]: a placeholder's `data-*` attributes → a typed [`config::WidgetConfig`], or
//!   a list of [`config::Problem`]s that name the attribute, the value found and what is expected.
//! - [`template`]: endpoint templates such as `/members/{member}/participation`.
//! - [`mapping`]: per-field JSON Pointers (RFC 6901) that map any backend's JSON onto a model.
//! - [`failure`]: every way a request can fail, each with its own message and retry policy.
//! - [`i18n`]: the message catalog (en, de, es, pt, fr).
//! - [`contract`]: the JSON types of the project's own API.
//! - [`participation`]: levels of participation and trajectories, from activity.
//! - [`network`]: the network view's order, one comparator for the server and the widget.
//! - [`story`]: the value-creation story template and its rules.
//! - [`carousel`]: the featured-video carousel's model, view state and impression tracker.
//! - [`recurrence`]: RFC 5545 recurring activities expanded into occurrences, in the
//!   activity's own time zone; [`zone`]: instants, wall clocks and the [`zone::Zones`] trait.
//! - [`calendar`]: the community-rhythm calendar's model: rhythms in words, the heartbeat,
//!   the month grid and its keys, the agenda, "add to my calendar" links.

pub mod badge;
pub mod calendar;
pub mod carousel;
pub mod config;
pub mod contract;
pub mod day;
pub mod failure;
pub mod i18n;
pub mod mapping;
pub mod network;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod participation;
pub mod recurrence;
pub mod sort;
pub mod story;
pub mod template;
mod text;
pub mod video;
pub mod zone;
