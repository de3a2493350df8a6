// The comparison page of scripts/bench-carousel.mjs: the same carousel JSON the product reads
// (data-src: the reference server's carousel answer, 24 videos), shown with Splide (its
// accessible defaults: a region with aria-roledescription "carousel", slides as groups "1 of 24", arrows, a
// pagination tablist, a live region) and one lite-youtube facade per slide, its poster the
// video's own (set before it connects, so lite-youtube asks nothing of i.ytimg.com). The
// options only match the product's: 3 slides per view (1 on a narrow page), moving by one,
// arrow keys on the focused carousel. Mounted, it dispatches `bench:mounted` on document.
(function () {
  const root = document.getElementById("carousel");
  const list = root.querySelector(".splide__list");
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  };
  const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  const spoken = (s) => [[Math.floor(s / 60), "minute"], [s % 60, "second"]]
    .filter(([n]) => n).map(([n, unit]) => `${n} ${unit}${n === 1 ? "" : "s"}`).join(" ");

  function slide(video) {
    const item = el("li", "splide__slide");
    const facade = document.createElement("lite-youtube");
    facade.setAttribute("videoid", video.provider_id);
    facade.setAttribute("playlabel", `Play: ${video.title}`);
    if (video.poster) facade.style.backgroundImage = `url("${new URL(video.poster, location.href)}")`;
    item.append(facade, el("p", "title", video.title));
    const speaker = [video.speaker?.name, video.speaker?.role].filter(Boolean).join(", ");
    if (speaker) item.append(el("p", "speaker", speaker));
    if (video.why) item.append(el("p", "why muted", video.why));
    if (video.duration_seconds) {
      const duration = el("p", "duration muted");
      const shown = el("span", null, clock(video.duration_seconds));
      shown.setAttribute("aria-hidden", "true");
      duration.append(shown, el("span", "visually-hidden", spoken(video.duration_seconds)));
      item.append(duration);
    }
    if (video.transcript) {
      const details = el("details");
      const text = el("div");
      text.setAttribute("role", "region");
      text.setAttribute("tabindex", "0");
      text.setAttribute("aria-label", `Transcript of ${video.title}`);
      text.append(...video.transcript.split(/\n\s*\n/).map((part) => el("p", null, part)));
      details.append(el("summary", null, "Show transcript"), text);
      item.append(details);
    }
    return item;
  }

  fetch(root.dataset.src)
    .then((response) => {
      if (!response.ok) throw new Error(`the carousel's read answered ${response.status}`);
      return response.json();
    })
    .then((carousel) => {
      root.setAttribute("aria-label", carousel.cycle.name);
      list.append(...carousel.videos.filter((v) => v.provider === "youtube").map(slide));
      const splide = new Splide(root, {
        perPage: 3,
        perMove: 1,
        gap: "1rem",
        keyboard: "focused",
        breakpoints: { 640: { perPage: 1, padding: { right: "15%" } } },
      });
      splide.on("mounted", () => document.dispatchEvent(new CustomEvent("bench:mounted")));
      splide.mount();
    });
})();
