# local/redis — Debian's redis-server 7 (like redis:7): runs as `redis` in /data, and like the
# official image it leaves protected mode off (the server is only on the compose network).
FROM local/bookworm
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server redis-tools \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /data && chown redis:redis /data \
  && printf '#!/bin/sh\nexec /usr/bin/redis-server "$@" --protected-mode no\n' > /usr/local/bin/redis-server \
  && chmod 755 /usr/local/bin/redis-server
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server"]
