// The throwaway PostgreSQL server.
