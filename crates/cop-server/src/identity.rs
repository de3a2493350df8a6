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
    /// `Authorization: Bearer <HS256 JWT>`; `sub` is the member id, `exp` is required, `nbf`
    /// is checked when present. `aud` and `iss` are required and checked when configured
    /// (`--jwt-audience`, `--jwt-issuer`); otherwise any `aud` is accepted.
    Jwt {
        secret: Vec<u8>,
        audience: Option<String>,
        issuer: Option<String>,
    },
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
/// Seconds of clock difference allowed on `exp` and `nbf`.
const LEEWAY_SECS: u64 = 30;

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
            IdentityMode::Jwt {
                secret,
                audience,
                issuer,
            } => {
                // The scheme is case-insensitive (RFC 9110, 11.1): `bearer` is `Bearer`.
                let token = header("authorization")
                    .and_then(|value| value.split_once(' '))
                    .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                    .map(|(_, token)| token.trim())
                    .filter(|token| !token.is_empty())
                    .ok_or_else(|| {
                        Problem::unauthorized(
                            "Send the member's token as `Authorization: Bearer <token>`.",
                        )
                    })?;
                let mut validation = Validation::new(Algorithm::HS256);
                validation.leeway = LEEWAY_SECS;
                validation.validate_nbf = true;
                let mut required = vec!["exp", "sub"];
                match audience {
                    Some(audience) => {
                        validation.set_audience(&[audience]);
                        required.push("aud");
                    }
                    None => validation.validate_aud = false,
                }
                if let Some(issuer) = issuer {
                    validation.set_issuer(&[issuer]);
                    required.push("iss");
                }
                validation.set_required_spec_claims(&required);
                match jsonwebtoken::decode::<Claims>(
                    token,
                    &DecodingKey::from_secret(secret),
                    &validation,
                ) {
                    Ok(data) => data.claims.sub,
                    Err(error) => {
                        let detail = match error.kind() {
                            ErrorKind::ExpiredSignature => {
                                "The token has expired: the page must fetch a new one.".to_owned()
                            }
                            ErrorKind::ImmatureSignature => {
                                "The token is not valid yet (`nbf` is in the future): check the clocks of this server and of the intranet.".to_owned()
                            }
                            ErrorKind::InvalidSignature => {
                                "The token's signature is not valid for this server.".to_owned()
                            }
                            ErrorKind::InvalidAlgorithm => {
                                "The token must be signed with HS256.".to_owned()
                            }
                            ErrorKind::InvalidAudience => format!(
                                "The token is for another audience: `aud` must be “{}”.",
                                audience.as_deref().unwrap_or_default()
                            ),
                            ErrorKind::InvalidIssuer => format!(
                                "The token is from another issuer: `iss` must be “{}”.",
                                issuer.as_deref().unwrap_or_default()
                            ),
                            ErrorKind::MissingRequiredClaim(claim) => format!(
                                "The token lacks the `{claim}` claim; this server requires {}.",
                                required
                                    .iter()
                                    .map(|c| format!("`{c}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            _ => "The token could not be read.".to_owned(),
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

    const SECRET: &[u8] = b"a-test-secret-shared-with-the-intranet-0123456789";

    fn jwt(audience: Option<&str>, issuer: Option<&str>) -> IdentityMode {
        IdentityMode::Jwt {
            secret: SECRET.to_vec(),
            audience: audience.map(str::to_owned),
            issuer: issuer.map(str::to_owned),
        }
    }

    fn signed(claims: serde_json::Value) -> String {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let mut claims = claims;
        claims["exp"] = (now + 3600).into();
        if claims["nbf"].is_i64() {
            claims["nbf"] = (now as i64 + claims["nbf"].as_i64().unwrap()).into();
        }
        jsonwebtoken::encode(
            &jsonwebtoken::Header::default(),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(SECRET),
        )
        .unwrap()
    }

    fn detail(mode: &IdentityMode, authorization: &str) -> Result<Caller, String> {
        mode.identify(&parts(&[("Authorization", authorization)]))
            .map_err(|problem| problem.body())
    }

    #[test]
    fn the_bearer_scheme_is_read_in_any_case() {
        let token = signed(serde_json::json!({ "sub": "m-1" }));
        for scheme in ["Bearer", "bearer", "BEARER"] {
            assert_eq!(
                detail(&jwt(None, None), &format!("{scheme} {token}")),
                Ok(Caller("m-1".into()))
            );
        }
        assert!(detail(&jwt(None, None), &format!("Basic {token}")).is_err());
    }

    #[test]
    fn not_before_is_checked_with_the_leeway() {
        let mode = jwt(None, None);
        let early = signed(serde_json::json!({ "sub": "m-1", "nbf": 600 }));
        assert!(detail(&mode, &format!("Bearer {early}"))
            .unwrap_err()
            .contains("not valid yet"));
        let skewed = signed(serde_json::json!({ "sub": "m-1", "nbf": 10 }));
        assert!(
            detail(&mode, &format!("Bearer {skewed}")).is_ok(),
            "within the leeway"
        );
    }

    #[test]
    fn audience_and_issuer_are_free_unless_configured_then_required_and_checked() {
        let with = signed(serde_json::json!({ "sub": "m-1", "aud": "cop", "iss": "intranet" }));
        let without = signed(serde_json::json!({ "sub": "m-1" }));
        let other = signed(serde_json::json!({ "sub": "m-1", "aud": "mail", "iss": "mallory" }));
        assert!(detail(&jwt(None, None), &format!("Bearer {with}")).is_ok());
        assert!(detail(&jwt(None, None), &format!("Bearer {other}")).is_ok());
        let strict = jwt(Some("cop"), Some("intranet"));
        assert!(detail(&strict, &format!("Bearer {with}")).is_ok());
        let no_audience = signed(serde_json::json!({ "sub": "m-1", "iss": "intranet" }));
        let missing = detail(&strict, &format!("Bearer {no_audience}")).unwrap_err();
        assert!(missing.contains("lacks the `aud` claim"), "{missing}");
        let mail = signed(serde_json::json!({ "sub": "m-1", "aud": "mail", "iss": "intranet" }));
        let wrong_audience = detail(&strict, &format!("Bearer {mail}")).unwrap_err();
        assert!(
            wrong_audience.contains("`aud` must be “cop”"),
            "{wrong_audience}"
        );
        let only_issuer = jwt(None, Some("intranet"));
        let wrong_issuer = detail(&only_issuer, &format!("Bearer {other}")).unwrap_err();
        assert!(
            wrong_issuer.contains("`iss` must be “intranet”"),
            "{wrong_issuer}"
        );
        let no_issuer = detail(&only_issuer, &format!("Bearer {without}")).unwrap_err();
        assert!(no_issuer.contains("lacks the `iss` claim"), "{no_issuer}");
    }
}
