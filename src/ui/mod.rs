//! Everything the person sees: reusable components and one page per route.

pub mod components;
pub mod pages;
