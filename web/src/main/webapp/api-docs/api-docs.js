// The API's OpenAPI document, as the server serves it, in Swagger UI (from its WebJar).
window.addEventListener('DOMContentLoaded', () => {
    window.ui = SwaggerUIBundle({url: '/openapi?format=JSON', dom_id: '#api', deepLinking: true});
});
