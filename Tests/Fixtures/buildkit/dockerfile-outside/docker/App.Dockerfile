FROM pier-test/busybox
COPY . /app
