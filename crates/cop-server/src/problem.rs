//! Error answers as RFC 9457 problem details (`application/problem+json`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cop_core::contract::{FieldError, ProblemDetails};

/// An error answer. Every error the API gives is one of these, never plain text.
#[derive(Debug)]
pub struct Problem {
    /// Boxed: a `Result<_, Problem>` stays one pointer wide on the happy path.
    details: Box<ProblemDetails>,
    /// `WWW-Authenticate` for 401s.
    challenge: Option<&'static str>,
    /// `Retry-After`, in seconds, where asking again later can succeed.
    retry_after: Option<u32>,
}

impl Problem {
    pub fn new(status: StatusCode, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            details: Box::new(ProblemDetails {
                kind: "about:blank".into(),
                title: title.into(),
                status: status.as_u16(),
                detail: Some(detail.into()),
                code: None,
                errors: Vec::new(),
            }),
            challenge: None,
            retry_after: None,
        }
    }

    /// The same problem with a stable `code` clients can act on.
    pub fn with_code(mut self, code: &str) -> Problem {
        self.details.code = Some(code.to_owned());
        self
    }

    /// The same problem with `Retry-After: seconds`.
    pub fn retry_after(mut self, seconds: u32) -> Problem {
        self.retry_after = Some(seconds);
        self
    }

    pub fn not_found(what: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "Not found", what)
    }

    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "Bad request", detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        let mut problem = Problem::new(StatusCode::UNAUTHORIZED, "Sign-in required", detail);
        problem.challenge = Some("Bearer");
        problem
    }

    /// 422 naming each bad field.
    pub fn invalid(errors: Vec<FieldError>) -> Problem {
        let mut problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid request",
            "Some fields are not valid; each is listed in `errors`.",
        );
        problem.details.errors = errors;
        problem
    }

    /// A storage failure: logged in full, answered without internals.
    pub fn internal(error: impl std::fmt::Display) -> Problem {
        tracing::error!("internal error: {error}");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Server error",
            "The server could not complete the request; try again later.",
        )
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.details.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn body(&self) -> String {
        serde_json::to_string(&self.details).unwrap_or_default()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status(), self.body()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(challenge) = self.challenge {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        response
    }
}
