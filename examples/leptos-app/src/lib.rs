//! A Leptos application that shows a member's participation pill (which follows a signal),
//! the community's spread, and the value-story form, as components.

use cop_widgets::components::{Options, ParticipationBadge, ValueStory, Variant};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const MEMBERS: [&str; 3] = ["m-1", "m-101", "m-200"];

#[component]
fn App() -> impl IntoView {
    let shown = RwSignal::new(0usize);
    let member = Signal::derive(move || MEMBERS[shown.get() % MEMBERS.len()].to_owned());
    let options = Options {
        api: Some("/api".into()),
        ..Options::default()
    };
    view! {
        <main>
            <h1>"Teachers"</h1>
            <p>
                "Member " <output id="member">{member}</output> ": "
                <ParticipationBadge community="teachers" member=member variant=Variant::Pill
                    options=options.clone()/>
            </p>
            <button id="next" type="button" on:click=move |_| shown.update(|n| *n += 1)>
                "Next member"
            </button>
            <ParticipationBadge community="teachers" variant=Variant::Community
                options=options.clone()/>
            <ValueStory community="teachers" member="m-42" options=options/>
        </main>
    }
}

#[wasm_bindgen(start)]
pub fn main() {
    leptos::mount::mount_to_body(App);
}
