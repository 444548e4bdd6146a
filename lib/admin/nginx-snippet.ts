// The nginx configuration the console shows for an authorizer: `auth_request` to its forward-auth
// URL with the original method, URI and host (an AWS_IAM authorizer checks the signature over
// them), passing the verdict's identity headers on to the API.
export function nginxSnippet(authorizerUrl: string): string {
  return `location /api/ {
    auth_request /_gatehouse;
    auth_request_set $gatehouse_sub $upstream_http_x_gatehouse_sub;
    auth_request_set $gatehouse_username $upstream_http_x_gatehouse_username;
    auth_request_set $gatehouse_groups $upstream_http_x_gatehouse_groups;
    auth_request_set $gatehouse_scopes $upstream_http_x_gatehouse_scopes;
    auth_request_set $gatehouse_claims $upstream_http_x_gatehouse_claims;
    auth_request_set $gatehouse_role $upstream_http_x_gatehouse_role;
    # Always set, so a client cannot send its own X-Gatehouse-* headers through.
    proxy_set_header X-Gatehouse-Sub $gatehouse_sub;
    proxy_set_header X-Gatehouse-Username $gatehouse_username;
    proxy_set_header X-Gatehouse-Groups $gatehouse_groups;
    proxy_set_header X-Gatehouse-Scopes $gatehouse_scopes;
    proxy_set_header X-Gatehouse-Claims $gatehouse_claims;
    proxy_set_header X-Gatehouse-Role $gatehouse_role;
    proxy_pass http://127.0.0.1:4200;
}

location = /_gatehouse {
    internal;
    proxy_pass ${authorizerUrl};
    proxy_pass_request_body off;
    proxy_set_header Content-Length "";
    proxy_set_header X-Original-Content-Length $content_length;
    proxy_set_header X-Original-Method $request_method;
    proxy_set_header X-Original-URI $request_uri;
    proxy_set_header X-Forwarded-Host $http_host;
    proxy_buffer_size 16k;  # X-Gatehouse-Claims can be long
}`;
}
