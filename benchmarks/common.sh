# Shared by run.sh and cpu.sh (sourced, from the repository root): the class path, the JVM flags every JVM of a
# run gets, and server JVMs that are stopped, with the scratch directory $logs, when the script exits.
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
jvm=(-Xms1g -Xmx1g -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true)
logs=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap stop EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# start_server <system> <port>: a server JVM logging to $logs/<system>.server; its pid is added to $pids
start_server() {
  java "${jvm[@]}" -cp "$cp" dev.microcdi.benchmarks.Bench server "$1" "$2" >"$logs/$1.server" 2>&1 &
  pids+=("$!")
}
# await_server <system>: waits up to 10 s until it serves; exits the script when it does not
await_server() {
  for _ in $(seq 1 100); do
    grep -q serving "$logs/$1.server" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the $1 server did not start:"
  cat "$logs/$1.server"
  exit 1
}
