/*
 * Copyright 2026 the camel-inference authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelinference.camel.inference.gateway.status;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.BreakerStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.ModelStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.ProviderStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.TargetStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.TenantStatus;

/**
 * The status page as one HTML document, rendered on the server from a {@link GatewayStatus}: readable without
 * JavaScript, and refreshed by a few lines of it that fetch the page again every {@value #REFRESH_SECONDS} s and swap
 * its {@code <main>} (one renderer, so every value is escaped in one place). Everything is inline: no CDN, no build.
 */
public final class StatusPage {

    static final int REFRESH_SECONDS = 5;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String STYLE
            = """
                    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d232b}
                    header{background:#1d232b;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:baseline}
                    header h1{font-size:18px;margin:0}header .note{color:#aab3bf;font-size:13px}
                    #refresh-error{color:#ffb4a8;font-size:13px}
                    main{padding:8px 24px 24px;max-width:1200px}
                    section{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:16px 0;padding:4px 16px 12px}
                    h2{font-size:15px;margin:10px 0 6px}h2 small{color:#5d6773;font-weight:normal}
                    table{border-collapse:collapse;width:100%}
                    th,td{text-align:left;padding:5px 10px 5px 0;border-bottom:1px solid #eceef1;vertical-align:top}
                    th{font-size:12px;color:#5d6773;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
                    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
                    code{font:12px ui-monospace,Menlo,Consolas,monospace;color:#3c4651}
                    .badge{display:inline-block;padding:1px 7px;margin:1px 4px 1px 0;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
                    .CLOSED,.ok{background:#dff3e4;color:#16652d}.OPEN,.FORCED_OPEN,.bad{background:#fde2df;color:#a1160a}
                    .HALF_OPEN,.warn{background:#fff1cc;color:#7a5200}.DISABLED,.METRICS_ONLY,.none{background:#eceef1;color:#5d6773}
                    .badge .step{font-weight:normal;opacity:.8}
                    .bar{width:160px;height:8px;background:#eceef1;border-radius:4px;overflow:hidden;display:inline-block;vertical-align:middle}
                    .bar span{display:block;height:100%;background:#2f7de1}.bar.full span{background:#d93a2b}
                    tr.spent td{background:#fff6f5}
                    .empty{color:#5d6773;font-style:italic}main .note{color:#5d6773;margin:10px 0 0}
                    """;

    private static final String SCRIPT = """
            (function () {
              var refreshes = 0;
              function refresh() {
                // origin and path only: an address with user:password@ resolves even a relative URL with them, and
                // fetch refuses those; the browser sends the Basic credentials it was given for the page by itself
                fetch(location.origin + location.pathname, {cache: 'no-store', credentials: 'same-origin'})
                  .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.text(); })
                  .then(function (html) {
                    var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
                    document.querySelector('main').replaceWith(next);
                    document.body.setAttribute('data-refreshes', String(++refreshes));
                    document.getElementById('refresh-error').textContent = '';
                  })
                  .catch(function (e) {
                    document.getElementById('refresh-error').textContent =
                      'refresh failed (' + e.message + '): showing the last status';
                  });
              }
              setInterval(refresh, %d);
            })();
            """.formatted(REFRESH_SECONDS * 1000);

    private StatusPage() {
    }

    public static String render(GatewayStatus status) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>camel-inference gateway status</title><style>").append(STYLE).append("</style></head>\n")
                .append("<body data-refreshes=\"0\"><header><h1>camel-inference gateway</h1>")
                .append("<span class=\"note\">status, refreshed every ").append(REFRESH_SECONDS)
                .append(" s &middot; <a style=\"color:#aab3bf\" href=\"/ui/status.json\">JSON</a></span>")
                .append("<span id=\"refresh-error\"></span></header>\n");
        html.append("<main data-at=\"").append(escape(status.at())).append("\">");
        html.append("<p class=\"note\">Read at ").append(escape(TIME.format(Instant.parse(status.at())))).append("</p>");
        providers(html, status);
        models(html, status);
        tenants(html, status);
        html.append("</main>\n<script>").append(SCRIPT).append("</script></body></html>\n");
        return html.toString();
    }

    private static void providers(StringBuilder html, GatewayStatus status) {
        html.append("<section id=\"providers\"><h2>Providers <small>calls in the last ").append(status.windowMinutes())
                .append(" minutes</small></h2>");
        if (status.providers().isEmpty()) {
            html.append("<p class=\"empty\">No provider is configured.</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>Provider</th><th>Type</th><th>Base URL</th><th>Breakers</th>")
                .append("<th class=\"num\">Calls</th><th class=\"num\">Errors</th><th class=\"num\">Error rate</th>")
                .append("<th class=\"num\">p50</th><th class=\"num\">p99</th></tr></thead><tbody>");
        for (ProviderStatus provider : status.providers()) {
            html.append("<tr data-provider=\"").append(escape(provider.name())).append("\"><td><b>")
                    .append(escape(provider.name())).append("</b></td><td>")
                    .append(provider.type() == null ? "&ndash;" : escape(provider.type())).append("</td><td>");
            if (provider.baseUrls().isEmpty()) {
                html.append("<span class=\"empty\">its default</span>");
            }
            for (String url : provider.baseUrls()) {
                html.append("<code>").append(escape(url)).append("</code><br>");
            }
            html.append("</td><td>");
            if (provider.breakers() == 0) {
                html.append("<span class=\"badge none\">no breaker</span>");
            } else if (provider.openBreakers() == 0) {
                html.append("<span class=\"badge ok\">").append(provider.breakers()).append(" closed</span>");
            } else {
                html.append("<span class=\"badge bad\">").append(provider.openBreakers()).append(" of ")
                        .append(provider.breakers()).append(" open</span>");
            }
            html.append("</td><td class=\"num\">").append(provider.calls()).append("</td><td class=\"num\">")
                    .append(provider.errors()).append("</td><td class=\"num\">");
            Double rate = provider.errorRate();
            if (rate == null) {
                html.append("&ndash;");
            } else {
                String level = rate == 0 ? "ok" : rate < 0.05 ? "warn" : "bad";
                html.append("<span class=\"badge ").append(level).append("\">")
                        .append(String.format(Locale.ROOT, "%.1f %%", rate * 100)).append("</span>");
            }
            html.append("</td><td class=\"num\">").append(millis(provider.p50Millis())).append("</td><td class=\"num\">")
                    .append(millis(provider.p99Millis())).append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"note\" id=\"calls-note\">Calls are requests sent to the provider, and")
                .append(" errors the failures its breakers count. A target skipped while its breaker is open, and a call")
                .append(" refused before it was sent (the tenant's budget, the account's own rate limit), are neither.")
                .append("</p></section>\n");
    }

    private static void models(StringBuilder html, GatewayStatus status) {
        html.append("<section id=\"models\"><h2>Models <small>targets in the order they are tried, with their circuit")
                .append(" breaker in each failover step</small></h2>");
        if (status.models().isEmpty()) {
            html.append("<p class=\"empty\">No model route (model-&lt;name&gt;) is running.</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>Model</th><th>#</th><th>Target</th><th>Breakers</th></tr></thead><tbody>");
        for (ModelStatus model : status.models()) {
            int row = 0;
            for (TargetStatus target : model.targets()) {
                html.append("<tr data-model=\"").append(escape(model.name())).append("\">");
                if (row == 0) {
                    html.append("<td rowspan=\"").append(model.targets().size()).append("\"><b>")
                            .append(escape(model.name())).append("</b></td>");
                }
                html.append("<td>").append(++row).append("</td><td><code>").append(escape(target.name()))
                        .append("</code></td><td>");
                if (target.breakers().isEmpty()) {
                    html.append("<span class=\"badge none\">no failover step</span>");
                }
                for (BreakerStatus breaker : target.breakers()) {
                    html.append("<span class=\"badge ").append(escape(breaker.state())).append("\" data-step=\"")
                            .append(escape(breaker.step())).append("\" data-target=\"").append(escape(target.name()))
                            .append("\" title=\"failure rate: ")
                            .append(breaker.failureRate() == null
                                    ? "too few calls yet"
                                    : String.format(Locale.ROOT, "%.0f %%", breaker.failureRate()))
                            .append("\"><span class=\"step\">").append(escape(breaker.step())).append("</span> ")
                            .append(escape(breaker.state())).append("</span>");
                    if (breaker.rateLimited()) {
                        html.append("<span class=\"badge warn\">rate limited</span>");
                    }
                }
                html.append("</td></tr>");
            }
        }
        html.append("</tbody></table></section>\n");
    }

    private static void tenants(StringBuilder html, GatewayStatus status) {
        String window = "day".equals(status.budgetWindow()) ? "today (UTC)" : "this " + status.budgetWindow();
        html.append("<section id=\"tenants\"><h2>Tenants <small>spend ").append(escape(window))
                .append(" against the budget</small></h2>");
        if (status.tenants().isEmpty()) {
            html.append("<p class=\"empty\">No tenant is configured.</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>Tenant</th><th class=\"num\">Spent (USD)</th><th class=\"num\">Limit (USD)")
                .append("</th><th>Used</th><th>State</th></tr></thead><tbody>");
        for (TenantStatus tenant : status.tenants()) {
            double used = tenant.limitUsd() > 0 ? Math.min(1, tenant.spentUsd() / tenant.limitUsd()) : 1;
            html.append("<tr data-tenant=\"").append(escape(tenant.name())).append("\"")
                    .append(tenant.spent() ? " class=\"spent\"" : "").append("><td><b>").append(escape(tenant.name()))
                    .append("</b></td><td class=\"num\">").append(usd(tenant.spentUsd()))
                    .append("</td><td class=\"num\">").append(usd(tenant.limitUsd())).append("</td><td><span class=\"bar")
                    .append(tenant.spent() ? " full" : "").append("\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", used * 100)).append("%\"></span></span> ")
                    .append(String.format(Locale.ROOT, "%.0f %%", Math.floor(used * 100))).append("</td><td>")
                    .append(tenant.spent()
                            ? "<span class=\"badge bad\">budget spent</span>"
                            : "<span class=\"badge ok\">within budget</span>")
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static String millis(Long millis) {
        if (millis == null) {
            return "&ndash;";
        }
        return millis < 10_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Dollars with enough digits that a tiny amount is not shown as 0. */
    private static String usd(double usd) {
        if (usd == 0) {
            return "0";
        }
        return usd >= 0.01
                ? String.format(Locale.ROOT, "%.2f", usd)
                : new BigDecimal(usd).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Escapes text for an HTML element or a double-quoted attribute. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
