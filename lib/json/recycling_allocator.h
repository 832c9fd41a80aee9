// A RapidJSON stack allocator that keeps its one block across parses.
//
// Design note: GenericDocument builds values on an internal::Stack and, after
// every parse, calls stack_.ShrinkToFit(), which hands the whole block to the
// static StackAllocator::Free. With CrtAllocator that is one free() and one
// malloc() per message. RapidJSON's Allocator concept makes Free static, so
// it cannot return the block to a particular instance; instead this allocator
// owns its block outright: Free is a no-op, Malloc/Realloc hand the same block
// back (growing it when a message needs more), and the destructor releases it.
//
// Invariant: one instance serves exactly one internal::Stack (the document's
// build stack). Two stacks sharing an instance would be handed the same block.
#ifndef MCPGUARD_JSON_RECYCLING_ALLOCATOR_H_
#define MCPGUARD_JSON_RECYCLING_ALLOCATOR_H_

#include <cstddef>
#include <cstdlib>

namespace mcpguard::internal {

class RecyclingStackAllocator {
 public:
  // Free never releases memory; the instance does, in Trim and its destructor.
  static const bool kNeedFree = false;

  RecyclingStackAllocator() = default;
  ~RecyclingStackAllocator() { std::free(block_); }
  RecyclingStackAllocator(const RecyclingStackAllocator&) = delete;
  RecyclingStackAllocator& operator=(const RecyclingStackAllocator&) = delete;

  void* Malloc(size_t size) { return Realloc(nullptr, 0, size); }

  // `ptr` is null (the stack was freed) or this instance's block. The bytes the
  // stack had in use stay in place; they live at the start of the block.
  void* Realloc(void* ptr, size_t old_size, size_t new_size) {
    (void)ptr;
    (void)old_size;
    if (new_size <= capacity_) return block_;
    size_t grown = capacity_ + capacity_ / 2;
    if (grown < new_size) grown = new_size;
    void* bigger = std::realloc(block_, grown);
    if (bigger == nullptr) return nullptr;  // RapidJSON's CrtAllocator does too.
    block_ = bigger;
    capacity_ = grown;
    return block_;
  }

  static void Free(void* /*ptr*/) {}

  // Releases the block if it is larger than `max_retained` bytes, so one huge
  // message does not pin its memory for the parser's lifetime. Call only
  // between parses, when the stack has given its block back (ShrinkToFit).
  void Trim(size_t max_retained) {
    if (capacity_ <= max_retained) return;
    std::free(block_);
    block_ = nullptr;
    capacity_ = 0;
  }

  size_t capacity() const { return capacity_; }

 private:
  void* block_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_RECYCLING_ALLOCATOR_H_
