/* A graph as adjacency lists; BFS distances with a heap queue; DFS component count. */
#include <stdint.h>
#include <stdlib.h>

typedef struct edge {
  int to;
  struct edge *next;
} edge;

typedef struct {
  int n;
  edge **adj;
} graph;

graph *graph_new(int n) {
  graph *g = malloc(sizeof(graph));
  g->n = n;
  g->adj = calloc((size_t)n, sizeof(edge *));
  return g;
}

void graph_add(graph *g, int a, int b) {
  edge *e = malloc(sizeof(edge));
  e->to = b;
  e->next = g->adj[a];
  g->adj[a] = e;
  edge *f = malloc(sizeof(edge));
  f->to = a;
  f->next = g->adj[b];
  g->adj[b] = f;
}

void bfs(const graph *g, int src, int *dist) {
  int *queue = malloc((size_t)g->n * sizeof(int));
  int head = 0, tail = 0;
  for (int i = 0; i < g->n; i++) {
    dist[i] = -1;
  }
  dist[src] = 0;
  queue[tail++] = src;
  while (head < tail) {
    int u = queue[head++];
    for (edge *e = g->adj[u]; e != NULL; e = e->next) {
      if (dist[e->to] < 0) {
        dist[e->to] = dist[u] + 1;
        queue[tail++] = e->to;
      }
    }
  }
  free(queue);
}

static void dfs(const graph *g, int u, char *seen) {
  seen[u] = 1;
  for (const edge *e = g->adj[u]; e; e = e->next) {
    if (!seen[e->to]) {
      dfs(g, e->to, seen);
    }
  }
}

int components(const graph *g) {
  char *seen = calloc((size_t)g->n, 1);
  int c = 0;
  for (int i = 0; i < g->n; i++) {
    if (!seen[i]) {
      c++;
      dfs(g, i, seen);
    }
  }
  free(seen);
  return c;
}

void graph_free(graph *g) {
  for (int i = 0; i < g->n; i++) {
    edge *e = g->adj[i];
    while (e) {
      edge *n = e->next;
      free(e);
      e = n;
    }
  }
  free(g->adj);
  free(g);
}

void c2safe_test(uint64_t *out) {
  graph *g = graph_new(10);
  int pairs[9][2] = {{0, 1}, {1, 2}, {2, 3}, {0, 4}, {4, 3}, {5, 6}, {6, 7}, {3, 8}, {8, 1}};
  for (int i = 0; i < 9; i++) {
    graph_add(g, pairs[i][0], pairs[i][1]);
  }
  int dist[10];
  bfs(g, 0, dist);
  for (int i = 0; i < 10; i++) {
    out[i] = (uint64_t)(int64_t)dist[i];
  }
  out[10] = (uint64_t)components(g);
  graph_free(g);
}
