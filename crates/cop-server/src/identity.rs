//! Who is asking. The server never takes a member id from a request body: a member is
//! identified by a token the host page passes (an HS256 JWT signed with a secret shared with
//! the intranet), by a header a trusted reverse proxy sets, or — for demos only — openly.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::app::AppState;
use crate::problem::Problem;

#[derive(Clone, Debug)]
pub enum IdentityMode {
    /// `Authorization: Bearer <HS256 JWT>`; `sub` is the member id, `exp` is required.
    Jwt { secret: Vec<u8> },
    /// A header set by a reverse proxy that authenticates members and strips the header
    /// from clients' requests.
    Proxy { header: String },
    /// Demos: `X-Demo-Member` names the member, or `demo-member`. Announced loudly at start.
    Open,
}

/// The member a write is made for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller(pub String);

/// Who reads, if they say: `None` when the request carries no identity at all (no token, no
/// proxy header). An identity that is given but invalid (a forged or expired token) is
/// still a 401, never read as "nobody".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaybeCaller(pub Option<String>);

#[derive(Deserialize)]
struct Claims {
    sub: String,
}

/// A member id as the server accepts it: 1–100 visible ASCII characters.
fn valid_member_id(id: &str) -> bool {
    (1..=100).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
}

impl IdentityMode {
    pub fn identify(&self, parts: &Parts) -> Result<Caller, Problem> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
        };
        let id = match self {
            IdentityMode::Open => header("x-demo-member")
                .filter(|id| !id.is_empty())
                .unwrap_or("demo-member")
                .to_owned(),
            IdentityMode::Proxy { header: name } => header(name)
                .filter(|id| !id.is_empty())
                .ok_or_else(|| {
                    Problem::unauthorized(format!(
                        "No {name} header: sign in through the intranet first."
                    ))
                })?
                .to_owned(),
            IdentityMode::Jwt { secret } => {
                let token = header("authorization")
                    .and_then(|value| value.strip_prefix("Bearer "))
                    .ok_or_else(|| {
                        Problem::unauthorized(
                            "Send the member's token as `Authorization: Bearer <token>`.",
                        )
                    })?;
                let mut validation = Validation::new(Algorithm::HS256);
                validation.leeway = 30;
                match jsonwebtoken::decode::<Claims>(
                    token,
                    &DecodingKey::from_secret(secret),
                    &validation,
                ) {
                    Ok(data) => data.claims.sub,
                    Err(error) => {
                        let detail = match error.kind() {
                            ErrorKind::ExpiredSignature => {
                                "The token has expired: the page must fetch a new one."
                            }
                            ErrorKind::InvalidSignature => {
                                "The token's signature is not valid for this server."
                            }
                            ErrorKind::InvalidAlgorithm => "The token must be signed with HS256.",
                            ErrorKind::MissingRequiredClaim(_) => {
                                "The token lacks a required claim (`sub` and `exp`)."
                            }
                            _ => "The token could not be read.",
                        };
                        return Err(Problem::unauthorized(detail));
                    }
                }
            }
        };
        if !valid_member_id(&id) {
            return Err(Problem::unauthorized(
                "The member id must be 1 to 100 visible ASCII characters.",
            ));
        }
        Ok(Caller(id))
    }
}

impl IdentityMode {
    /// Like [`IdentityMode::identify`], but a request with no identity at all is `None`.
    pub fn identify_if_given(&self, parts: &Parts) -> Result<Option<Caller>, Problem> {
        let given = match self {
            IdentityMode::Open => true,
            IdentityMode::Proxy { header } => parts
                .headers
                .get(header.as_str())
                .is_some_and(|value| !value.as_bytes().trim_ascii().is_empty()),
            IdentityMode::Jwt { .. } => parts.headers.contains_key("authorization"),
        };
        if given {
            self.identify(parts).map(Some)
        } else {
            Ok(None)
        }
    }
}

impl<S: crate::storage::Storage> FromRequestParts<AppState<S>> for MaybeCaller {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<MaybeCaller, Problem> {
        Ok(MaybeCaller(
            state
                .identity
                .identify_if_given(parts)?
                .map(|Caller(id)| id),
        ))
    }
}

impl<S: crate::storage::Storage> FromRequestParts<AppState<S>> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState<S>) -> Result<Caller, Problem> {
        state.identity.identify(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut request = Request::builder();
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn open_mode_takes_the_demo_header_or_a_default() {
        assert_eq!(
            IdentityMode::Open.identify(&parts(&[])).unwrap(),
            Caller("demo-member".into())
        );
        assert_eq!(
            IdentityMode::Open
                .identify(&parts(&[("X-Demo-Member", "m-7")]))
                .unwrap(),
            Caller("m-7".into())
        );
    }

    #[test]
    fn proxy_mode_needs_its_header() {
        let mode = IdentityMode::Proxy {
            header: "x-remote-user".into(),
        };
        assert_eq!(
            mode.identify(&parts(&[("X-Remote-User", "m-3")])).unwrap(),
            Caller("m-3".into())
        );
        assert_eq!(mode.identify(&parts(&[])).unwrap_err().status(), 401);
        assert_eq!(
            mode.identify(&parts(&[("X-Remote-User", "a b")]))
                .unwrap_err()
                .status(),
            401
        );
    }
}
