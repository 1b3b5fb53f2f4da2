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
package io.github.camelinference.camel.inference.gateway.http;

import java.util.Map;

import io.github.camelinference.camel.inference.gateway.openai.ParsedRequest;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What the gateway keeps on an exchange, as exchange properties: they never reach the HTTP response nor the providers,
 * unlike message headers (platform-http copies those to the response).
 */
final class GatewayExchange {

    static final String REQUEST_ID = "gatewayRequestId";
    static final String TENANT = "gatewayTenant";
    static final String REQUEST = "gatewayRequest";
    /** The public model name; the routes read it ({@code toD: direct:model-${exchangeProperty.gatewayModel}}). */
    static final String MODEL = "gatewayModel";
    /** Whether the caller asked for SSE; the model routes choose their streamed targets on it. */
    static final String STREAM = "gatewayStream";
    /** Vert.x's response, kept before the failover step replaces the message. */
    static final String HTTP_RESPONSE = "gatewayHttpResponse";

    /** Response header naming the provider that answered. */
    static final String PROVIDER_HEADER = "x-camel-inference-provider";
    static final String REQUEST_ID_HEADER = "x-request-id";

    private GatewayExchange() {
    }

    static ParsedRequest request(Exchange exchange) {
        return exchange.getProperty(REQUEST, ParsedRequest.class);
    }

    static Tenant tenant(Exchange exchange) {
        return exchange.getProperty(TENANT, Tenant.class);
    }

    static HttpServerResponse httpResponse(Exchange exchange) {
        return exchange.getProperty(HTTP_RESPONSE, HttpServerResponse.class);
    }

    /** Drops every header (the caller's Authorization among them) and sets only what the gateway answers with. */
    static void answerHeaders(Exchange exchange, int status, String contentType, Map<String, String> extra) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        String requestId = exchange.getProperty(REQUEST_ID, String.class);
        if (requestId != null) {
            message.setHeader(REQUEST_ID_HEADER, requestId);
        }
        extra.forEach(message::setHeader);
    }
}
