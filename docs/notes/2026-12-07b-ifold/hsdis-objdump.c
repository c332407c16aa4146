/* ifold: a minimal hsdis for HotSpot's PrintAssembly: writes the code bytes to a temp file and prints
   `objdump -D -b binary -mi386:x86-64 -M intel` of them, addresses shifted to the code's own. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
typedef void* (*event_cb)(void*, const char*, void*);
typedef int (*printf_cb)(void*, const char*, ...);
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
                                  event_cb ev, void* ev_st, printf_cb pf, void* pf_st, const char* options, int newline) {
  char path[] = "/tmp/hsdis-ifold-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return (void*) start_va;
  if (write(fd, buffer, length) != (ssize_t) length) { close(fd); unlink(path); return (void*) start_va; }
  close(fd);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "objdump -D -b binary -mi386:x86-64 -M intel --adjust-vma=0x%lx %s | tail -n +8", (unsigned long) start_va, path);
  FILE* p = popen(cmd, "r");
  char line[1024];
  while (p && fgets(line, sizeof line, p)) pf(pf_st, "%s", line);
  if (p) pclose(p);
  unlink(path);
  return (void*) end_va;
}
