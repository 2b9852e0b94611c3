/*
 * The network from C: TCP and UDP to host services on loopback, IPv6, a raw
 * socket, DNS, and a UDP connect() to the cloud metadata address (connect on
 * UDP sends nothing; it only asks for a route).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int escaped;

static void verdict(const char *what, int rc)
{
	if (rc < 0)
		printf("contained: %s: %s\n", what, strerror(errno));
	else {
		printf("ESCAPED: %s\n", what);
		escaped++;
	}
}

static struct sockaddr_in v4(const char *ip, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

int main(int argc, char **argv)
{
	int tcp = argc > 1 ? atoi(argv[1]) : 80, udp = argc > 2 ? atoi(argv[2]) : 53;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	verdict("AF_INET stream socket", s);
	if (s >= 0) {
		struct sockaddr_in a = v4("127.0.0.1", tcp);
		verdict("TCP connect to the host's loopback service", connect(s, (struct sockaddr *)&a, sizeof a));
	}
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	verdict("AF_INET datagram socket", u);
	if (u >= 0) {
		struct sockaddr_in a = v4("127.0.0.1", udp);
		verdict("UDP sendto the host's loopback service", (int)sendto(u, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
		struct sockaddr_in m = v4("169.254.169.254", 80);
		verdict("route to the metadata address 169.254.169.254", connect(u, (struct sockaddr *)&m, sizeof m));
	}
	verdict("AF_INET6 socket", socket(AF_INET6, SOCK_STREAM, 0));
	verdict("raw socket", socket(AF_INET, SOCK_RAW, IPPROTO_ICMP));
	struct addrinfo *res;
	int rc = getaddrinfo("deb.debian.org", "80", 0, &res);
	printf("%s: DNS lookup\n", rc == 0 ? "ESCAPED" : "contained");
	escaped += rc == 0;
	return 0;
}
