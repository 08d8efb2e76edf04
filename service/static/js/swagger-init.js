/* Starts Swagger UI on /api/v1/docs from the JSON configuration block of the page
   (service/templates/swagger_ui.html); a file rather than an inline script, for the CSP. */
(function () {
  "use strict";
  window.addEventListener("load", function () {
    var config = JSON.parse(document.getElementById("swagger-config").textContent);
    window.ui = window.SwaggerUIBundle(config);
  });
})();
