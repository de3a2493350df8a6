//! The accept loop: HTTP/1.1 connections served by hyper with the limits a server facing the
//! open network needs, instead of `axum::serve`, which has none of them.
//!
//! - a client gets `header_timeout` to send a request's header (slowloris); the same timer
//!   runs while a kept-alive connection waits for its next request, so idle connections close
//!   after it too;
//! - at most `max_connections` connections are open: when they are all taken the loop stops
//!   accepting (new clients wait in the kernel's backlog) instead of running out of file
//!   descriptors;
//! - after the shutdown signal the listener is closed, idle connections are closed, requests
//!   in flight may finish for up to `shutdown_timeout`, then the server exits anyway.
//!
//! The request timeout is a middleware (`web::request_deadline`), so that its answer is
//! problem details like every other error.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_connections: usize,
    pub shutdown_timeout: Duration,
}

/// Serves `app` on `listener` until `shutdown` completes, then drains as [`Limits`] says.
/// Returns whether every connection finished within the shutdown timeout.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> bool {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    let mut warned_full = false;
    loop {
        // A free connection slot first: when all are taken, nothing more is accepted.
        let permit = match permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if !warned_full {
                    tracing::warn!(
                        "{} connections open (--max-connections): new ones wait until one closes",
                        limits.max_connections
                    );
                    warned_full = true;
                }
                tokio::select! {
                    permit = permits.clone().acquire_owned() => match permit {
                        Ok(permit) => permit,
                        Err(_) => break,
                    },
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little rather than spin, and go on.
                    tracing::warn!("cannot accept a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if permits.available_permits() > 0 {
            warned_full = false;
        }
        let _ = stream.set_nodelay(true);
        // The peer's address, for the carousel events' rate limit (`carousel::RemoteAddr`).
        let service = TowerToHyperService::new(tower::ServiceExt::map_request(
            app.clone(),
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(peer));
                request
            },
        ));
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _permit = permit; // the slot is free again when the connection ends
            if let Err(error) = connection.await {
                tracing::debug!("connection ended: {error}");
            }
        });
    }
    drop(listener); // refuse new connections at once
    tokio::select! {
        () = graceful.shutdown() => true,
        () = tokio::time::sleep(limits.shutdown_timeout) => {
            tracing::warn!(
                "requests still in flight after {} s (--shutdown-timeout-secs): stopping anyway",
                limits.shutdown_timeout.as_secs_f32()
            );
            false
        }
    }
}
