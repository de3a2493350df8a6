// json-server middleware for foreign.html: under /wrapped/… the same resources are answered
// the way a JSON:API server would — a stored record inside
// {"data": {"type", "id" (as text), "attributes", "links": {"self"}}} — so the value-story
// form's data-map-id / data-map-url have something nested to read.
// npx json-server@0.17.4 www/data/foreign-db.json --port 3000 --middlewares www/data/foreign-middleware.cjs
module.exports = (req, res, next) => {
  if (!req.url.startsWith("/wrapped/")) return next();
  req.url = req.url.slice("/wrapped".length);
  const jsonp = res.jsonp.bind(res);
  res.jsonp = (body) => {
    if (!body || typeof body !== "object" || Array.isArray(body) || body.id === undefined) return jsonp(body);
    const { id, ...attributes } = body;
    return jsonp({ data: { type: "stories", id: String(id), attributes, links: { self: `/stories/${id}` } } });
  };
  next();
};
