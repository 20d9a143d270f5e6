# local/nginx — Debian's nginx running unprivileged on :8080 (like nginxinc/nginx-unprivileged);
# the stack mounts its generated /etc/nginx/nginx.conf (pid and temp files under /tmp).
FROM local/bookworm
RUN apt-get update \
  && apt-get install -y --no-install-recommends nginx-light wget \
  && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
  && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
  && chown -R www-data:www-data /var/lib/nginx /var/log/nginx
USER www-data
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
