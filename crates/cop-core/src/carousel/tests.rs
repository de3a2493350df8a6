use super::*;
use crate::config::parse_all;
use crate::contract::{Captions, Carousel, Speaker, Video, VideoCycle};
use crate::mapping::extract;
use serde_json::{json, Value};

fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn config(pairs: &[(&str, &str)]) -> WidgetConfig {
    let mut all = vec![("data-cop-widget", "video-carousel")];
    all.extend_from_slice(pairs);
    parse_all(&attrs(&all), &[], false).expect("configuration")
}

/// Reads `document` the way the widget does: the configured pointers, then `from_fields`.
fn read(document: &Value, config: &WidgetConfig) -> Featured {
    let fields = extract(document, Featured::FIELDS, |f| config.pointer_for(f)).expect("shape");
    Featured::from_fields(&fields, &config.params)
}

fn video(id: &str, provider: VideoProvider, provider_id: Option<&str>) -> Video {
    Video {
        id: id.into(),
        community: "teachers".into(),
        title: format!("Talk {id}"),
        speaker: Speaker {
            name: "Amina Diallo".into(),
            role: "Science teacher".into(),
        },
        why: "How a school made lesson study its habit.".into(),
        duration_seconds: 252,
        provider,
        provider_id: provider_id.map(str::to_owned),
        sources: vec![],
        poster: None,
        captions: None,
        transcript: None,
        member: None,
    }
}

/// The project's own answer, serialized by the contract's own types.
fn own_answer() -> Value {
    let mut youtube = video("v1", VideoProvider::Youtube, Some("dQw4w9WgXcQ"));
    youtube.poster = Some("/posters/teachers-01.svg".into());
    youtube.transcript = Some("First paragraph,\nsame one.\n\n\nSecond.".into());
    let vimeo = video("v2", VideoProvider::Vimeo, Some("76979871"));
    let mut file = video("v3", VideoProvider::File, None);
    file.sources = vec![
        VideoSource {
            src: "/media/v3.mp4".into(),
            mime_type: "video/mp4".into(),
        },
        VideoSource {
            src: "https://cdn.example.org/v3.webm".into(),
            mime_type: "video/webm".into(),
        },
    ];
    file.captions = Some(Captions {
        src: "/captions/v3.vtt".into(),
        language: "pt-BR".into(),
    });
    serde_json::to_value(Carousel {
        cycle: VideoCycle {
            id: "c-11".into(),
            community: "teachers".into(),
            name: "November".into(),
            starts: "2026-11-01".into(),
            ends: "2026-11-30".into(),
        },
        videos: vec![youtube, vimeo, file],
    })
    .unwrap()
}

#[test]
fn the_projects_own_answer_becomes_slides_with_their_players() {
    let config = config(&[("data-api", "/api"), ("data-community", "teachers")]);
    let featured = read(&own_answer(), &config);
    assert_eq!(featured.cycle.as_deref(), Some("c-11"));
    assert_eq!(featured.label(Lang::En), "Featured videos: November");
    assert!(featured.rejected.is_empty(), "{:?}", featured.rejected);
    let [youtube, vimeo, file] = &featured.slides[..] else {
        panic!("three slides: {:?}", featured.slides);
    };
    assert_eq!(youtube.player, Player::Youtube("dQw4w9WgXcQ".into()));
    assert_eq!(youtube.speaker.as_deref(), Some("Amina Diallo"));
    assert_eq!(youtube.role.as_deref(), Some("Science teacher"));
    assert_eq!(youtube.duration_seconds, Some(252));
    assert_eq!(
        youtube.poster,
        Some(Poster {
            src: "/posters/teachers-01.svg".into(),
            srcset: None,
            third_party: false
        }),
        "the backend's own poster wins over YouTube's"
    );
    assert_eq!(
        paragraphs(youtube.transcript.as_deref().unwrap()),
        ["First paragraph,\nsame one.", "Second."]
    );
    assert_eq!(vimeo.player, Player::Vimeo("76979871".into()));
    assert_eq!(
        vimeo.poster, None,
        "no Vimeo thumbnail without asking Vimeo"
    );
    assert_eq!(
        file.player,
        Player::File(vec![
            VideoSource {
                src: "/media/v3.mp4".into(),
                mime_type: "video/mp4".into()
            },
            VideoSource {
                src: "https://cdn.example.org/v3.webm".into(),
                mime_type: "video/webm".into()
            },
        ])
    );
    assert_eq!(
        file.captions,
        Some(Track {
            src: "/captions/v3.vtt".into(),
            language: Some("pt-BR".into())
        })
    );
}

#[test]
fn facade_urls_play_at_once_from_the_privacy_enhanced_hosts() {
    let youtube = Player::Youtube("dQw4w9WgXcQ".into());
    assert_eq!(
        youtube.embed_url(Some("pt-BR")).as_deref(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&playsinline=1&rel=0&hl=pt-BR")
    );
    assert_eq!(
        youtube.embed_url(Some("\"><script>")).as_deref(),
        Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&playsinline=1&rel=0"),
        "a locale that is not a language tag is left out"
    );
    let vimeo = Player::Vimeo("76979871".into());
    assert_eq!(
        vimeo.embed_url(None).as_deref(),
        Some("https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&playsinline=1")
    );
    assert_eq!(
        vimeo.watch_url().as_deref(),
        Some("https://vimeo.com/76979871")
    );
    assert_eq!(Player::File(vec![]).embed_url(None), None);
    assert_eq!(Player::File(vec![]).warm_origins(), &[] as &[&str]);
    let poster = Poster::youtube("dQw4w9WgXcQ");
    assert!(poster.third_party);
    assert_eq!(
        poster.src,
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    );
    assert!(poster
        .srcset
        .unwrap()
        .starts_with("https://i.ytimg.com/vi/dQw4w9WgXcQ/mqdefault.jpg 320w, "));
}

#[test]
fn a_youtube_video_without_its_own_poster_gets_youtubes_thumbnail_lazily() {
    let config = config(&[("data-api", "/api"), ("data-community", "t")]);
    let answer = json!({"videos": [
        {"id": "a", "title": "A", "provider": "youtube", "provider_id": "dQw4w9WgXcQ"},
        {"id": "b", "title": "B", "url": "https://youtu.be/dQw4w9WgXcQ",
         "poster": "https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg"},
    ]});
    let featured = read(&answer, &config);
    let posters: Vec<(bool, bool)> = featured
        .slides
        .iter()
        .map(|s| {
            let p = s.poster.as_ref().unwrap();
            (p.third_party, p.srcset.is_some())
        })
        .collect();
    assert_eq!(
        posters,
        [(true, true), (true, false)],
        "a backend's poster on a provider's host is a third-party request too"
    );
}

#[test]
fn a_foreign_backend_is_read_through_data_map_with_links_and_nested_fields() {
    let config = config(&[
        ("data-endpoint", "https://cms.example.org/api/featured"),
        ("data-map-videos", "/data"),
        ("data-map-cycle", "/meta/period/key"),
        ("data-map-cycle_name", "/meta/period/label"),
        ("data-map-videos.id", "/nid"),
        ("data-map-videos.title", "/attributes/headline"),
        ("data-map-videos.url", "/attributes/link"),
        ("data-map-videos.speaker", "/attributes/person/name"),
        ("data-map-videos.role", "/attributes/person/job"),
        ("data-map-videos.why", "/attributes/teaser"),
        ("data-map-videos.duration", "/attributes/length"),
        ("data-map-videos.poster", "/attributes/image/url"),
        ("data-map-videos.transcript", "/attributes/transcript/plain"),
        ("data-map-videos.sources", "/attributes/files"),
        ("data-map-videos.captions", "/attributes/vtt"),
        ("data-map-videos.captions_language", "/attributes/vtt_lang"),
    ]);
    let answer = json!({
        "meta": {"period": {"key": 202611, "label": "Novembre"}},
        "data": [
            {"nid": 41, "attributes": {
                "headline": "  Évaluation\\nentre pairs ",
                "link": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "person": {"name": "Chloé Martin", "job": "Conseillère pédagogique"},
                "teaser": "Pourquoi ça compte",
                "length": "PT4M12S",
                "image": {"url": "/img/41.jpg"}
            }},
            {"nid": 42, "attributes": {
                "headline": "Lesson study",
                "link": "/media/42.webm",
                "files": ["/media/42.mp4", {"src": "https://cdn.example.org/42.ogv", "type": "video/ogg"}],
                "vtt": "/media/42.vtt", "vtt_lang": "fr",
                "length": "1:02:03",
                "transcript": {"plain": "Bonjour."}
            }}
        ]
    });
    let mut featured = read(&answer, &config);
    assert_eq!(featured.cycle.as_deref(), Some("202611"));
    assert!(featured.rejected.is_empty(), "{:?}", featured.rejected);
    featured.rebase("https://cms.example.org/api/featured");
    let [first, second] = &featured.slides[..] else {
        panic!("{:?}", featured.slides)
    };
    assert_eq!(first.id, "41");
    assert_eq!(first.title, "Évaluation\\nentre pairs");
    assert_eq!(first.player, Player::Youtube("dQw4w9WgXcQ".into()));
    assert_eq!(first.speaker.as_deref(), Some("Chloé Martin"));
    assert_eq!(first.duration_seconds, Some(252));
    assert_eq!(
        first.poster.as_ref().map(|p| p.src.as_str()),
        Some("https://cms.example.org/img/41.jpg"),
        "a path in the answer is on the answer's origin, not the page's"
    );
    assert_eq!(second.duration_seconds, Some(3723));
    assert_eq!(second.transcript.as_deref(), Some("Bonjour."));
    let Player::File(sources) = &second.player else {
        panic!("{:?}", second.player)
    };
    let sources: Vec<(&str, &str)> = sources
        .iter()
        .map(|s| (s.src.as_str(), s.mime_type.as_str()))
        .collect();
    assert_eq!(
        sources,
        [
            ("https://cms.example.org/media/42.webm", "video/webm"),
            ("https://cms.example.org/media/42.mp4", "video/mp4"),
            ("https://cdn.example.org/42.ogv", "video/ogg"),
        ]
    );
    assert_eq!(
        second.captions,
        Some(Track {
            src: "https://cms.example.org/media/42.vtt".into(),
            language: Some("fr".into())
        })
    );
}

#[test]
fn a_list_that_is_the_whole_answer_is_read_with_an_empty_pointer() {
    let config = config(&[
        ("data-src", "/featured.json"),
        ("data-map-videos", ""),
        ("data-map-videos.url", "/link"),
    ]);
    let featured = read(
        &json!([{"id": 1, "title": "One", "link": "https://vimeo.com/76979871"}]),
        &config,
    );
    assert_eq!(featured.slides[0].player, Player::Vimeo("76979871".into()));
    assert_eq!(featured.cycle, None);
}

#[test]
fn unsafe_or_unplayable_links_are_problems_never_slides_or_markup() {
    let config = config(&[("data-api", "/api"), ("data-community", "t")]);
    let answer = json!({"videos": [
        {"id": "ok", "title": "Fine", "url": "https://youtu.be/dQw4w9WgXcQ",
         "poster": "javascript:alert(1)"},
        {"id": "js", "title": "Script", "url": "javascript:alert(1)//.mp4"},
        {"id": "avi", "title": "AVI", "url": "https://example.org/talk.avi"},
        {"id": "yt", "title": "Bad id", "provider": "youtube", "provider_id": "x\"><img>"},
        {"id": "files", "title": "Files", "provider": "file",
         "sources": ["data:video/mp4;base64,AAAA", {"src": "//evil.example/a.mp4", "type": "video/mp4"},
                     {"src": "https://ok.example/a.mkv", "type": "video/x-matroska"}],
         "captions": {"src": "/c.vtt"}},
        {"id": "mixed", "title": "Mixed", "provider": "file",
         "sources": [{"src": "vbscript:x", "type": "video/mp4"}, {"src": "/ok.mp4", "type": "video/mp4"}],
         "captions": {"src": "javascript:x", "language": "en"}},
        {"title": "No id", "url": "https://youtu.be/dQw4w9WgXcQ"},
        {"id": "ok", "title": "Again", "url": "https://youtu.be/dQw4w9WgXcQ"},
        {"id": "untitled", "title": "  \u{200b} ", "url": "https://youtu.be/dQw4w9WgXcQ"},
    ]});
    let featured = read(&answer, &config);
    let ids: Vec<&str> = featured.slides.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["ok", "mixed"]);
    assert_eq!(
        featured.slides[0].poster.as_ref().map(|p| p.src.as_str()),
        Some("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"),
        "the bad poster is dropped, YouTube's thumbnail stands in"
    );
    assert_eq!(
        featured.slides[0].player,
        Player::Youtube("dQw4w9WgXcQ".into())
    );
    assert_eq!(
        featured.slides[1].player,
        Player::File(vec![VideoSource {
            src: "/ok.mp4".into(),
            mime_type: "video/mp4".into()
        }])
    );
    assert_eq!(featured.slides[1].captions, None);
    let rejected: Vec<(Option<&str>, &str, bool)> = featured
        .rejected
        .iter()
        .map(|r| (r.id.as_deref(), r.field, r.skipped))
        .collect();
    assert_eq!(
        rejected,
        [
            (Some("ok"), "poster", false),
            (Some("js"), "url", true),
            (Some("avi"), "url", true),
            (Some("yt"), "url", true),
            (Some("files"), "sources", false),
            (Some("files"), "sources", false),
            (Some("files"), "sources", false),
            (Some("files"), "sources", true),
            (Some("mixed"), "sources", false),
            (Some("mixed"), "captions", false),
            (None, "id", true),
            (Some("ok"), "duplicate", true),
            (Some("untitled"), "title", true),
        ]
    );
    assert_eq!(
        featured.rejected[1].message(),
        "cop-widgets: video 2 (js) has nothing a provider plays: “javascript:alert(1)//.mp4”; it is left out."
    );
    assert_eq!(
        featured.rejected[0].message(),
        "cop-widgets: video 1 (ok) has a poster whose address is not an http(s) URL or a path: “javascript:alert(1)”; that part is left out."
    );
}

#[test]
fn nothing_to_show_says_why() {
    let config = config(&[("data-api", "/api"), ("data-community", "t")]);
    let empty = read(&json!({"videos": []}), &config);
    assert_eq!(empty.empty_message(), Some(Msg::CarouselEmpty));
    let unplayable = read(
        &json!({"videos": [{"id": "a", "title": "A", "url": "https://x.org/a"}]}),
        &config,
    );
    assert_eq!(unplayable.empty_message(), Some(Msg::CarouselNonePlayable));
    assert_eq!(read(&own_answer(), &config).empty_message(), None);
    // A list of something else entirely is the mapping's mistake, not an empty carousel.
    let error = extract(
        &json!({"videos": [{"key": 1, "name": "x"}]}),
        Featured::FIELDS,
        |f| config.pointer_for(f),
    )
    .unwrap_err();
    assert_eq!(
        (error.field.as_str(), error.list.as_deref()),
        ("videos.id", Some("/videos"))
    );
}

#[test]
fn backend_text_is_one_clean_line_and_capped() {
    let config = config(&[("data-api", "/api"), ("data-community", "t")]);
    let long = "x".repeat(500);
    let answer = json!({"videos": [{
        "id": "a", "title": format!("Line\u{0}one\u{202e}\ttwo {long}"),
        "url": "https://youtu.be/dQw4w9WgXcQ",
        "why": "  ", "speaker": {"name": "Ana\nLima", "role": null},
        "transcript": "a\r\nb\u{7}c"
    }]});
    let slide = &read(&answer, &config).slides[0];
    assert!(
        slide.title.starts_with("Line one  two xxx"),
        "{}",
        slide.title
    );
    assert_eq!(slide.title.chars().count(), video::TITLE_MAX + 1);
    assert!(slide.title.ends_with('…'));
    assert_eq!(slide.why, None);
    assert_eq!(slide.speaker.as_deref(), Some("Ana Lima"));
    assert_eq!(slide.role, None);
    assert_eq!(slide.transcript.as_deref(), Some("a\nbc"));
}

#[test]
fn durations_are_read_in_the_forms_backends_send() {
    for (value, seconds) in [
        (json!(252), Some(252)),
        (json!(251.6), Some(252)),
        (json!("252"), Some(252)),
        (json!("4:12"), Some(252)),
        (json!("1:02:03"), Some(3723)),
        (json!("PT4M12S"), Some(252)),
        (json!("PT1H"), Some(3600)),
        (json!(0), None),
        (json!(-5), None),
        (json!(86_401), None),
        (json!("4:5"), None),
        (json!("4:60"), None),
        (json!("PT"), None),
        (json!("PT4M12"), None),
        (json!("four minutes"), None),
        (json!(true), None),
    ] {
        assert_eq!(parse_duration(&value), seconds, "{value}");
    }
}

#[test]
fn durations_are_shown_as_a_clock_and_read_aloud_in_words() {
    assert_eq!(clock(252), "4:12");
    assert_eq!(clock(59), "0:59");
    assert_eq!(clock(3723), "1:02:03");
    assert_eq!(spoken_duration(252, Lang::En), "4 minutes 12 seconds");
    assert_eq!(spoken_duration(61, Lang::En), "1 minute 1 second");
    assert_eq!(spoken_duration(240, Lang::En), "4 minutes");
    assert_eq!(spoken_duration(3601, Lang::En), "1 hour 1 second");
    assert_eq!(
        spoken_duration(3723, Lang::En),
        "1 hour 2 minutes 3 seconds"
    );
    #[cfg(feature = "translations")]
    {
        assert_eq!(spoken_duration(252, Lang::Es), "4 minutos y 12 segundos");
        assert_eq!(spoken_duration(252, Lang::De), "4 Minuten 12 Sekunden");
        assert_eq!(spoken_duration(1, Lang::Fr), "1 seconde");
    }
}

#[test]
fn options_follow_the_attributes_and_events_go_to_the_answers_cycle() {
    let own = Options::of(&config(&[
        ("data-api", "https://cop.example.org/api"),
        ("data-community", "teach ers"),
    ]));
    assert_eq!(own.autoplay_ms, None, "rotation is off by default");
    assert!(!own.wrap);
    assert_eq!(own.max_per_view, PER_VIEW_DEFAULT);
    assert_eq!(own.events, Events::Contract);
    assert_eq!(
        own.events_url(Some("c/11")).as_deref(),
        Some("https://cop.example.org/api/communities/teach%20ers/cycles/c%2F11/events")
    );
    assert_eq!(own.events_url(None), None, "no cycle known, nothing sent");
    let rotating = Options::of(&config(&[
        ("data-api", "/api"),
        ("data-community", "t"),
        ("data-cycle", "c-9"),
        ("data-autoplay", "12s"),
        ("data-per-view", "1"),
    ]));
    assert_eq!(rotating.autoplay_ms, Some(12_000));
    assert!(rotating.wrap);
    assert_eq!(rotating.max_per_view, 1);
    assert_eq!(
        rotating.events_url(None).as_deref(),
        Some("/api/communities/t/cycles/c-9/events")
    );
    assert_eq!(
        Options::of(&config(&[
            ("data-api", "/api"),
            ("data-community", "t"),
            ("data-autoplay", "")
        ]))
        .autoplay_ms,
        Some(AUTOPLAY_DEFAULT_S * 1000)
    );
    let off = Options::of(&config(&[
        ("data-api", "/api"),
        ("data-community", "t"),
        ("data-events", "none"),
    ]));
    assert_eq!(off.events_url(Some("c")), None);
    let foreign = Options::of(&config(&[("data-endpoint", "https://x.org/featured")]));
    assert_eq!(
        foreign.events,
        Events::Off,
        "a foreign backend counts only if told where"
    );
    let foreign = Options::of(&config(&[
        ("data-endpoint", "https://x.org/featured"),
        ("data-events", "https://x.org/periods/{cycle}/views"),
    ]));
    assert_eq!(
        foreign.events_url(Some("2026 11")).as_deref(),
        Some("https://x.org/periods/2026%2011/views")
    );
}
