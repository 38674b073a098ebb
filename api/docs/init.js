// Starts Swagger UI on the API's own contract. It lives in its own file, not inline in
// index.html, so that the page's Content-Security-Policy can say script-src 'self'.
"use strict";

// thisServer makes "Try it out" call the server that served this page. openapi.yaml names
// http://localhost:8080, which is right only for a local run, and the page's CSP
// (connect-src falls back to default-src 'self') would block any other origin anyway.
function thisServer() {
  return {
    statePlugins: {
      spec: {
        wrapActions: {
          updateJsonSpec: function (next) {
            return function (spec) {
              if (spec && typeof spec === "object" && !Array.isArray(spec)) {
                spec = Object.assign({}, spec, {
                  servers: [{ url: window.location.origin, description: "This server" }],
                });
              }
              return next(spec);
            };
          },
        },
      },
    },
  };
}

window.ui = SwaggerUIBundle({
  url: "/openapi.yaml",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [thisServer],
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
