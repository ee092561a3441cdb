//! The sync settings a person enters: server, database, user (never a
//! password: CouchDB's cookie session signs in, the browser keeps the
//! cookie). [`SyncSettings::check`] reads the server address strictly,
//! because its origin goes into the Content-Security-Policy's
//! `connect-src`: the app may talk to that origin and no other, so the
//! origin must be exactly `scheme://host[:port]` and nothing could be
//! smuggled in with it (`;` would start a new directive, a space a new
//! source, `*` a wildcard, a quote a keyword).
//!
//! The rules, each with its own [`SettingsError`] for the UI to explain:
//! `https://`, or `http://` only for this device itself (`localhost`,
//! `127.0.0.1`, `[::1]`: nothing travels over a network unencrypted); no
//! user or password in the address; a plain host name or IP address; an
//! optional path prefix (a CouchDB behind a reverse proxy) of plain
//! segments, without `.` or `..`, escapes or a query. Database names
//! follow CouchDB's rule `^[a-z][a-z0-9_$()+/-]*$`, at most 238
//! characters.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

use crate::domain::Project;

/// What the person configured.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncSettings {
    /// The server's address, like `https://couch.example.com`.
    pub server: String,
    /// The database on it.
    pub database: String,
    /// The CouchDB user to sign in as.
    pub user: String,
    /// Whether sync runs.
    pub enabled: bool,
}

/// The origin the app may talk to: `scheme://host[:port]`, lower case,
/// the port left out when it is the scheme's default. Only [`check`]
/// makes one, so it holds nothing but `a-z 0-9 . - : [ ] /`.
///
/// [`check`]: SyncSettings::check
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ServerOrigin(String);

impl ServerOrigin {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServerOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why the settings cannot be used. No text for people here: the UI says
/// each in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum SettingsError {
    #[error("no server address")]
    ServerMissing,
    /// Not `scheme://…` at all.
    #[error("the server address is not a web address")]
    NotAUrl,
    /// Another scheme than http(s) (`ftp`, `file`, `javascript`, …).
    #[error("the server address must start with https:// (found {scheme}:)")]
    UnsupportedScheme { scheme: String },
    /// `http://` to another machine: only `https://` is allowed there;
    /// `http://` only for `localhost`, `127.0.0.1` and `[::1]`.
    #[error("http:// is only allowed for localhost, 127.0.0.1 and [::1]; use https://")]
    InsecureHttp,
    /// `https://user:password@host`: credentials never go into the address.
    #[error("the server address must not contain a user name or password")]
    CredentialsInUrl,
    /// A space, a control character, a quote, `;`, `*`, `\`, a non-ASCII
    /// letter or another character no plain address needs.
    #[error("the server address contains a character that is not allowed")]
    InvalidCharacter,
    #[error("the server address has no host")]
    HostMissing,
    /// Not a host name (letters, digits, `-`, dots between), IPv4 or
    /// `[IPv6]` address. International names must be written in their
    /// `xn--` form.
    #[error("the host name is not valid")]
    InvalidHost,
    #[error("the port must be a number from 1 to 65535")]
    InvalidPort,
    /// A path with `.`/`..` segments, `//`, escapes (`%`) or other
    /// characters than letters, digits, `-`, `_`, `.` and `~`.
    #[error("the path of the server address is not allowed")]
    InvalidPath,
    /// `?…` or `#…`.
    #[error("the server address must not have a query or fragment")]
    QueryOrFragment,
    #[error("no database name")]
    DatabaseMissing,
    /// Against CouchDB's rule: a lower-case letter first, then lower-case
    /// letters, digits and `_ $ ( ) + / -`.
    #[error("the database name must start with a lower-case letter and contain only a-z, 0-9 and _$()+-/")]
    InvalidDatabase,
    #[error("the database name is longer than {max} characters")]
    DatabaseTooLong { max: usize },
    /// A control character or `:` (which HTTP authentication cannot carry).
    #[error("the user name contains a character that is not allowed")]
    InvalidUser,
}

/// The longest database name CouchDB takes.
pub const MAX_DATABASE_LEN: usize = 238;

/// A server address, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    pub origin: ServerOrigin,
    /// The path prefix, empty or like `/couchdb` (no trailing slash).
    pub path: String,
}

impl ServerAddress {
    /// The address of `database` on this server (the name escaped, so a
    /// `/` in it stays part of the name).
    pub fn database_url(&self, database: &str) -> String {
        let mut url = format!("{}{}/", self.origin, self.path);
        for c in database.chars() {
            match c {
                '/' => url.push_str("%2F"),
                '$' => url.push_str("%24"),
                '(' => url.push_str("%28"),
                ')' => url.push_str("%29"),
                '+' => url.push_str("%2B"),
                c => url.push(c),
            }
        }
        url
    }
}

impl SyncSettings {
    /// Checks server, database and user; the origin the
    /// Content-Security-Policy may allow.
    pub fn check(&self) -> Result<ServerOrigin, SettingsError> {
        self.checked().map(|(address, _)| address.origin)
    }

    /// The database's full address, once everything checks.
    pub fn database_url(&self) -> Result<String, SettingsError> {
        self.checked()
            .map(|(address, database)| address.database_url(database))
    }

    fn checked(&self) -> Result<(ServerAddress, &str), SettingsError> {
        let address = parse_server(&self.server)?;
        let database = self.database.trim();
        check_database(database)?;
        check_user(&self.user)?;
        Ok((address, database))
    }
}

/// Checks a database name against CouchDB's rule.
pub fn check_database(name: &str) -> Result<(), SettingsError> {
    let Some(first) = name.chars().next() else {
        return Err(SettingsError::DatabaseMissing);
    };
    if !first.is_ascii_lowercase() || !name.chars().all(database_char) {
        return Err(SettingsError::InvalidDatabase);
    }
    if name.len() > MAX_DATABASE_LEN {
        return Err(SettingsError::DatabaseTooLong {
            max: MAX_DATABASE_LEN,
        });
    }
    Ok(())
}

fn database_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c)
}

fn check_user(user: &str) -> Result<(), SettingsError> {
    if user.chars().any(|c| c.is_control() || c == ':') {
        return Err(SettingsError::InvalidUser);
    }
    Ok(())
}

/// The database that shares one project: the base name, `-project-` and
/// the project's id, so it stays the same when the project is renamed. A
/// base that breaks CouchDB's rule is made to fit (lower case, other
/// characters as `-`, a letter first) and shortened so the whole name
/// stays within [`MAX_DATABASE_LEN`].
pub fn project_database(base: &str, project: &Project) -> String {
    let suffix = format!("-project-{}", project.id.0.hyphenated());
    let mut name: String = base
        .trim()
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if database_char(c) { c } else { '-' })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "chefsache");
    }
    name.truncate(MAX_DATABASE_LEN - suffix.len());
    name + &suffix
}

/// Reads a server address (see the module's text for the rules).
pub fn parse_server(input: &str) -> Result<ServerAddress, SettingsError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(SettingsError::ServerMissing);
    }
    if !text.chars().all(allowed_in_address) {
        return Err(SettingsError::InvalidCharacter);
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(match text.split_once(':') {
            Some((scheme, _)) if is_scheme(scheme) && !is_http(scheme) => {
                SettingsError::UnsupportedScheme {
                    scheme: scheme.to_ascii_lowercase(),
                }
            }
            _ => SettingsError::NotAUrl,
        });
    };
    if !is_scheme(scheme) {
        return Err(SettingsError::NotAUrl);
    }
    let scheme = scheme.to_ascii_lowercase();
    if !is_http(&scheme) {
        return Err(SettingsError::UnsupportedScheme { scheme });
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err(SettingsError::CredentialsInUrl);
    }
    let (host, port) = split_host_port(authority)?;
    let path = check_path(tail)?;
    if scheme == "http" && !is_loopback(&host) {
        return Err(SettingsError::InsecureHttp);
    }
    let default_port = if scheme == "https" { 443 } else { 80 };
    let origin = match port {
        Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    };
    Ok(ServerAddress {
        origin: ServerOrigin(origin),
        path,
    })
}

/// Printable ASCII a URL may hold, without what a plain server address
/// never needs and a policy or header could misread: spaces, quotes, `;`,
/// `,`, `*`, `\`, `<>`, `{}`, `|`, `^` and `` ` ``.
fn allowed_in_address(c: char) -> bool {
    c.is_ascii_graphic() && !"\"'`;,*\\<>{}|^".contains(c)
}

fn is_scheme(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

fn is_http(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// This device itself: `localhost`, `127.x.x.x` or `[::1]` (hosts as
/// [`split_host_port`] gives them, IP addresses already checked).
fn is_loopback(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
    }
    host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host (lower case; an IPv6 address with its brackets) and port.
fn split_host_port(authority: &str) -> Result<(String, Option<u16>), SettingsError> {
    if authority.is_empty() {
        return Err(SettingsError::HostMissing);
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (address, after) = inner.split_once(']').ok_or(SettingsError::InvalidHost)?;
        // The standard library's reading of an IPv6 address, written back
        // in its short form: one spelling per address.
        let address: Ipv6Addr = address.parse().map_err(|_| SettingsError::InvalidHost)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(SettingsError::InvalidHost)?),
        };
        (format!("[{address}]"), port)
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if host.is_empty() {
            return Err(SettingsError::HostMissing);
        }
        let host = host.to_ascii_lowercase();
        if !is_host_name(&host) {
            return Err(SettingsError::InvalidHost);
        }
        (host, port)
    };
    let port = match port {
        None => None,
        Some(digits) => Some(parse_port(digits)?),
    };
    Ok((host, port))
}

/// Labels of letters, digits and inner hyphens, joined by single dots; a
/// name of digits and dots only must be an IPv4 address.
fn is_host_name(host: &str) -> bool {
    if host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return host.parse::<Ipv4Addr>().is_ok();
    }
    host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn parse_port(digits: &str) -> Result<u16, SettingsError> {
    if digits.is_empty() || digits.len() > 5 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(SettingsError::InvalidPort);
    }
    match digits.parse::<u32>() {
        Ok(port @ 1..=65535) => Ok(port as u16),
        _ => Err(SettingsError::InvalidPort),
    }
}

/// The path prefix without its trailing slash ("" for none).
fn check_path(tail: &str) -> Result<String, SettingsError> {
    if tail.starts_with(['?', '#']) || tail.contains(['?', '#']) {
        return Err(SettingsError::QueryOrFragment);
    }
    let path = tail.strip_suffix('/').unwrap_or(tail);
    if path.is_empty() {
        return Ok(String::new());
    }
    let segments = path.strip_prefix('/').ok_or(SettingsError::InvalidPath)?;
    let plain = segments.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    });
    if plain {
        Ok(path.to_owned())
    } else {
        Err(SettingsError::InvalidPath)
    }
}
