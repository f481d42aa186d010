// The API reference page: Swagger UI over /api/v1/openapi.json. No inline script, so the
// page works under the portal's Content-Security-Policy (script-src 'self').
(function () {
  const root = document.getElementById("api-reference");
  if (!root || typeof SwaggerUIBundle !== "function") return;
  SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
})();
