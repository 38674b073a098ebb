// Starts Swagger UI on the API's own contract. It lives in its own file, not inline in
// index.html, so that the page's Content-Security-Policy can say script-src 'self'.
"use strict";

window.ui = SwaggerUIBundle({
  url: "/openapi.yaml",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  docExpansion: "list",
  deepLinking: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  // No calls beyond this server: no online validator badge, no ?url= or ?configUrl= taken
  // from the address bar.
  validatorUrl: null,
  queryConfigEnabled: false,
});
